from django.urls import path

from danvan.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("gui-don/", views.submit, name="submit"),
    path("tra-cuu/", views.track, name="track"),
    path("tra-cuu/<str:code>/", views.status, name="status"),
    path("tra-cuu/<str:code>/bo-sung/", views.supplement, name="supplement"),
    path("tra-cuu/<str:code>/rut-don/", views.withdraw, name="withdraw"),
    path("tra-cuu/<str:code>/van-ban/<int:pk>/", views.document_download, name="document"),
]
