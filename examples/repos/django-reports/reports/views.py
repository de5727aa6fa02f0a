import logging
from functools import wraps

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST

from .models import Report, ReportRun
from .services import run_report

log = logging.getLogger(__name__)


def api_login_required(view):
    """Like login_required, but answers 401 JSON instead of redirecting to a login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "authentication required"}, status=401)
        return view(request, *args, **kwargs)

    return wrapper


def _run_json(run):
    return {
        "id": run.id,
        "report": run.report.slug,
        "status": run.status,
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "row_count": run.row_count,
    }


@require_GET
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        log.exception("health check could not reach the database")
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
@api_login_required
def report_list(request):
    reports = Report.objects.order_by("title")
    return JsonResponse(
        {"reports": [{"slug": r.slug, "title": r.title, "period": r.period} for r in reports]}
    )


@require_POST
@api_login_required
def report_run(request, slug):
    report = get_object_or_404(Report, slug=slug)
    run = run_report(report)
    status = 201 if run.status == ReportRun.Status.SUCCEEDED else 500
    return JsonResponse(_run_json(run), status=status)


@require_GET
@api_login_required
def run_detail(request, run_id):
    run = get_object_or_404(ReportRun.objects.select_related("report"), pk=run_id)
    return JsonResponse(_run_json(run))
