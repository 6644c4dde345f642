from django.urls import path

from . import board, views

app_name = "business"


def crud(prefix: str, model: str, view_prefix: str):
    return [
        path(f"{prefix}/", getattr(views, f"{view_prefix}ListView").as_view(), name=f"{model}_list"),
        path(f"{prefix}/add/", getattr(views, f"{view_prefix}EditView").as_view(), name=f"{model}_add"),
        path(f"{prefix}/<int:pk>/", getattr(views, f"{view_prefix}DetailView").as_view(), name=f"{model}_detail"),
        path(f"{prefix}/<int:pk>/edit/", getattr(views, f"{view_prefix}EditView").as_view(), name=f"{model}_edit"),
        path(
            f"{prefix}/<int:pk>/delete/", getattr(views, f"{view_prefix}DeleteView").as_view(), name=f"{model}_delete"
        ),
    ]


urlpatterns = [
    path("deals/board/", board.DealBoardView.as_view(), name="deal_board"),
    path("deals/forecast/", board.DealForecastView.as_view(), name="deal_forecast"),
    path("deals/<int:pk>/board-move/", board.deal_board_move, name="deal_board_move"),
    path("deals/<int:pk>/move/", views.deal_move, name="deal_transition"),
    *crud("deals", "deal", "Deal"),
    *crud("ip-assets", "ipasset", "IPAsset"),
    *crud("business-needs", "need", "Need"),
    path("business-needs/<int:pk>/rematch/", views.need_rematch, name="need_rematch"),
    *crud("expertise", "expertise", "Expertise"),
    path("matches/", views.MatchListView.as_view(), name="match_list"),
    path("matches/<int:pk>/", views.MatchDetailView.as_view(), name="match_detail"),
    path("matches/<int:pk>/delete/", views.MatchDeleteView.as_view(), name="match_delete"),
    path("matches/<int:pk>/decide/", views.match_decide, name="match_decide"),
    path("matches/<int:pk>/start-deal/", views.match_start_deal, name="match_start_deal"),
    *crud("sectors", "sector", "Sector"),
]
