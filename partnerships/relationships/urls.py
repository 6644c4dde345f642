from django.urls import path

from . import views

app_name = "relationships"

urlpatterns = [
    path("relationships/", views.RelationshipListView.as_view(), name="relationship_list"),
    path("relationships/board/", views.RelationshipBoardView.as_view(), name="relationship_board"),
    path("relationships/add/", views.RelationshipEditView.as_view(), name="relationship_add"),
    path("relationships/<int:pk>/", views.RelationshipDetailView.as_view(), name="relationship_detail"),
    path("relationships/<int:pk>/edit/", views.RelationshipEditView.as_view(), name="relationship_edit"),
    path("relationships/<int:pk>/delete/", views.RelationshipDeleteView.as_view(), name="relationship_delete"),
    path("interactions/", views.InteractionListView.as_view(), name="interaction_list"),
    path("interactions/add/", views.InteractionEditView.as_view(), name="interaction_add"),
    path("interactions/<int:pk>/", views.InteractionDetailView.as_view(), name="interaction_detail"),
    path("interactions/<int:pk>/edit/", views.InteractionEditView.as_view(), name="interaction_edit"),
    path("interactions/<int:pk>/delete/", views.InteractionDeleteView.as_view(), name="interaction_delete"),
]
