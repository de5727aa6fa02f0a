from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.report_list, name="report-list"),
    path("reports/<slug:slug>/runs/", views.report_run, name="report-run"),
    path("runs/<int:run_id>/", views.run_detail, name="run-detail"),
]
