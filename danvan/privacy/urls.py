from django.urls import path

from danvan.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.requests, name="requests"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
]
