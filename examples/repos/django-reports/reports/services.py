import csv
import logging
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone

from .models import Report, ReportRun, Sale

log = logging.getLogger(__name__)

PERIOD_DAYS = {Report.Period.WEEK: 7, Report.Period.MONTH: 30}


def totals_by_region(since):
    """Sales count and revenue per region since the given time, largest revenue first."""
    rows = (
        Sale.objects.filter(sold_at__gte=since)
        .values("region")
        .annotate(sales=Count("id"), revenue=Sum("amount"))
        .order_by("-revenue", "region")
    )
    return [
        {"region": r["region"], "sales": r["sales"], "revenue": r["revenue"] or Decimal("0")}
        for r in rows
    ]


def run_report(report, now=None):
    """Computes the report, writes it as CSV and records the run."""
    now = now or timezone.now()
    run = ReportRun.objects.create(report=report, status=ReportRun.Status.FAILED, started_at=now)
    try:
        rows = totals_by_region(now - timedelta(days=PERIOD_DAYS[report.period]))
        export_dir = settings.REPORTS_EXPORT_DIR
        export_dir.mkdir(parents=True, exist_ok=True)
        path = export_dir / f"{report.slug}-{now:%Y%m%d-%H%M%S}.csv"
        with path.open("w", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=["region", "sales", "revenue"])
            writer.writeheader()
            writer.writerows(rows)
    except OSError:
        log.exception("report %s could not be written", report.slug)
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
        return run

    run.status = ReportRun.Status.SUCCEEDED
    run.row_count = len(rows)
    run.output_path = str(path)
    run.finished_at = timezone.now()
    run.save()
    log.info("report %s written to %s (%d rows)", report.slug, path, len(rows))
    return run


def describe_source(conn):
    """Human-readable description of a data source for run logs, without credentials."""
    port = conn.get("port")
    host = f"{conn['host']}:{port}" if port else conn["host"]
    return f"{conn.get('user', 'anonymous')}@{host}/{conn.get('name', '')}".rstrip("/")
