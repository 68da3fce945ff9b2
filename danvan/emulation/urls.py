from django.urls import path

from danvan.emulation import views

app_name = "emulation"
urlpatterns = [
    path("", views.model_list, name="list"),
    path("new/", views.model_new, name="new"),
    path("<int:pk>/", views.model_detail, name="detail"),
    path("<int:pk>/report/", views.model_report, name="report"),
    path("<int:pk>/minh-chung/<int:evidence_pk>/", views.evidence_download, name="evidence"),
    path("<int:pk>/evaluate/", views.model_evaluate, name="evaluate"),
    path("<int:pk>/replicate/", views.model_replicate, name="replicate"),
]
