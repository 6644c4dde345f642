from django.urls import path

from . import board, views

app_name = "business"


urlpatterns = [
    path("deals/board/", board.DealBoardView.as_view(), name="deal_board"),
    path("deals/forecast/", board.DealForecastView.as_view(), name="deal_forecast"),
    path("deals/<int:pk>/board-move/", board.deal_board_move, name="deal_board_move"),
    path("deals/<int:pk>/move/", views.deal_move, name="deal_transition"),
    path("deals/", views.DealListView.as_view(), name="deal_list"),
    path("deals/add/", views.DealEditView.as_view(), name="deal_add"),
    path("deals/<int:pk>/", views.DealDetailView.as_view(), name="deal_detail"),
    path("deals/<int:pk>/edit/", views.DealEditView.as_view(), name="deal_edit"),
    path("deals/<int:pk>/delete/", views.DealDeleteView.as_view(), name="deal_delete"),
    path("ip-assets/", views.IPAssetListView.as_view(), name="ipasset_list"),
    path("ip-assets/add/", views.IPAssetEditView.as_view(), name="ipasset_add"),
    path("ip-assets/<int:pk>/", views.IPAssetDetailView.as_view(), name="ipasset_detail"),
    path("ip-assets/<int:pk>/edit/", views.IPAssetEditView.as_view(), name="ipasset_edit"),
    path("ip-assets/<int:pk>/delete/", views.IPAssetDeleteView.as_view(), name="ipasset_delete"),
    path("business-needs/", views.NeedListView.as_view(), name="need_list"),
    path("business-needs/add/", views.NeedEditView.as_view(), name="need_add"),
    path("business-needs/<int:pk>/", views.NeedDetailView.as_view(), name="need_detail"),
    path("business-needs/<int:pk>/edit/", views.NeedEditView.as_view(), name="need_edit"),
    path("business-needs/<int:pk>/delete/", views.NeedDeleteView.as_view(), name="need_delete"),
    path("business-needs/<int:pk>/rematch/", views.need_rematch, name="need_rematch"),
    path("expertise/", views.ExpertiseListView.as_view(), name="expertise_list"),
    path("expertise/add/", views.ExpertiseEditView.as_view(), name="expertise_add"),
    path("expertise/<int:pk>/", views.ExpertiseDetailView.as_view(), name="expertise_detail"),
    path("expertise/<int:pk>/edit/", views.ExpertiseEditView.as_view(), name="expertise_edit"),
    path("expertise/<int:pk>/delete/", views.ExpertiseDeleteView.as_view(), name="expertise_delete"),
    path("matches/", views.MatchListView.as_view(), name="match_list"),
    path("matches/<int:pk>/", views.MatchDetailView.as_view(), name="match_detail"),
    path("matches/<int:pk>/delete/", views.MatchDeleteView.as_view(), name="match_delete"),
    path("matches/<int:pk>/decide/", views.match_decide, name="match_decide"),
    path("matches/<int:pk>/start-deal/", views.match_start_deal, name="match_start_deal"),
    path("sectors/", views.SectorListView.as_view(), name="sector_list"),
    path("sectors/add/", views.SectorEditView.as_view(), name="sector_add"),
    path("sectors/<int:pk>/", views.SectorDetailView.as_view(), name="sector_detail"),
    path("sectors/<int:pk>/edit/", views.SectorEditView.as_view(), name="sector_edit"),
    path("sectors/<int:pk>/delete/", views.SectorDeleteView.as_view(), name="sector_delete"),
]
