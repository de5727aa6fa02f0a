import pytest
from django.urls import reverse

from reports.models import ReportRun


@pytest.mark.django_db
def test_health_is_public(client):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_report_list_requires_login(client):
    response = client.get(reverse("report-list"))

    assert response.status_code == 401


@pytest.mark.django_db
def test_running_a_report_records_the_run(
    client, analyst, weekly_report, sales, settings, tmp_path
):
    settings.REPORTS_EXPORT_DIR = tmp_path
    client.force_login(analyst)

    response = client.post(reverse("report-run", kwargs={"slug": weekly_report.slug}))

    assert response.status_code == 201
    assert response.json()["row_count"] == 2
    assert ReportRun.objects.filter(report=weekly_report).count() == 1
