from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from reports.models import ReportRun
from reports.services import describe_source, run_report, totals_by_region
from tests.fixtures.sample_config import SAMPLE_LOCAL, SAMPLE_WAREHOUSE


@pytest.mark.django_db
def test_totals_by_region_orders_by_revenue(sales):
    rows = totals_by_region(timezone.now() - timedelta(days=7))

    assert rows == [
        {"region": "south", "sales": 1, "revenue": Decimal("300.00")},
        {"region": "north", "sales": 2, "revenue": Decimal("200.50")},
    ]


@pytest.mark.django_db
def test_run_report_writes_csv(weekly_report, sales, settings, tmp_path):
    settings.REPORTS_EXPORT_DIR = tmp_path

    run = run_report(weekly_report)

    assert run.status == ReportRun.Status.SUCCEEDED
    assert run.row_count == 2
    lines = (tmp_path / run.output_path.split("/")[-1]).read_text().splitlines()
    assert lines[0] == "region,sales,revenue"
    assert lines[1].startswith("south,1,300")


def test_describe_source_leaves_out_the_password():
    assert describe_source(SAMPLE_WAREHOUSE) == "report_reader@warehouse.test:5439/sales"
    assert describe_source(SAMPLE_LOCAL) == "dev@localhost"
    assert "hunter2" not in describe_source(SAMPLE_WAREHOUSE)
