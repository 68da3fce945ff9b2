from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from danvan.org import account_views
from danvan.org.views import ward_options

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("login/", account_views.login_view, name="login"),
    path("account/", include("danvan.org.account_urls")),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("places/wards/", ward_options, name="ward_options"),
    path("desk/rules/", include("danvan.rules.urls")),
    path("desk/privacy/", include("danvan.privacy.urls")),
    path("desk/matters/", include("danvan.matters.urls")),
    path("desk/reception/", include("danvan.reception.urls")),
    path("desk/reports/", include("danvan.reports.urls")),
    path("desk/dashboard/", include("danvan.insights.urls")),
    path("desk/dan-van-kheo/", include("danvan.emulation.urls")),
    path("thong-ke/", include("danvan.insights.public_urls")),
    path("lich-tiep-cong-dan/", include("danvan.reception.public_urls")),
    path("desk/", include("danvan.petitions.urls")),
    path("documents/", include("danvan.documents.urls")),
    path("desk/consultation/", include("danvan.consultation.staff_urls")),
    path("gop-y/", include("danvan.consultation.public_urls")),
    path("", include("danvan.api.urls")),
    path("", include("danvan.portal.urls")),
]


handler500 = "danvan.errors.server_error"
