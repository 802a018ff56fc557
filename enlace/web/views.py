from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView, TemplateView

from enlace.accounts.permissions import ALL_ROLES, RoleRequiredMixin
from enlace.core.jobs import job_redact, queue_health

from .selectors import dashboard_for, job_list


@never_cache
def healthz(request):  # public: declared in PUBLIC_URL_NAMES of the access matrix
    """Liveness and database check for load balancers and `make run`."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure is "unavailable", never a 500 page
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    # Queue and worker (issue 12): a dead worker with work waiting is "degraded", still 200 so
    # a load balancer keeps the web process that answers it.
    health = queue_health()
    stuck = health["queue"]["queued"] and not health["worker"]["alive"]
    return JsonResponse({"status": "degraded" if stuck else "ok", "database": "ok", **health})


class HomeView(RoleRequiredMixin, TemplateView):
    allowed_roles = ALL_ROLES
    template_name = "web/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(dashboard_for(self.request.user))
        return context


class JobListView(RoleRequiredMixin, ListView):
    allowed_roles = ALL_ROLES
    template_name = "web/job_list.html"
    paginate_by = 50

    def get_queryset(self):
        return job_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = [
            job_redact(self.request.user, job) for job in context["object_list"]
        ]
        return context


class JobProgressView(RoleRequiredMixin, View):
    """The progress bar of one job; htmx polls it until the job finishes."""

    allowed_roles = ALL_ROLES

    def get(self, request, pk):
        job = job_redact(request.user, get_object_or_404(job_list(actor=request.user), pk=pk))
        template = "web/partials/_job_progress.html" if request.htmx else "web/job_detail.html"
        return render(request, template, {"job": job})
