from django.urls import path

from danvan.org import account_views

app_name = "account"
urlpatterns = [
    path("2fa/", account_views.two_factor, name="two_factor"),
]
