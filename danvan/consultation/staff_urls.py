from django.urls import path

from danvan.consultation import staff_views as views

app_name = "consultation"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.draft_detail, name="draft"),
    path("<int:pk>/hot/", views.hot_articles, name="hot_articles"),
    path("<int:pk>/versions/", views.version_upload, name="version_upload"),
    path("<int:pk>/period/", views.period_set, name="period"),
    path("<int:pk>/import/", views.comments_import, name="import"),
    path("<int:pk>/moderation/", views.moderation, name="moderation"),
    path("<int:pk>/synthesis/", views.synthesis_start, name="synthesis_start"),
    path("runs/<int:run_id>/progress/", views.run_progress, name="run_progress"),
    path("<int:pk>/groups/", views.groups, name="groups"),
    path("groups/<int:gid>/", views.group_detail, name="group"),
    path("groups/<int:gid>/action/", views.group_action, name="group_action"),
    path("<int:pk>/report.<str:kind>", views.report_download, name="report"),
    path("<int:pk>/publish/", views.report_publish, name="publish"),
]
