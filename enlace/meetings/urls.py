from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("import/", views.MeetingImportView.as_view(), name="meeting_import"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    path("<int:pk>/review/", views.MeetingReviewView.as_view(), name="meeting_review"),
    path("<int:pk>/discard/", views.MeetingDiscardView.as_view(), name="meeting_discard"),
    path("<int:pk>/report/", views.MeetingReportView.as_view(), name="meeting_report"),
    path("<int:pk>/tasks/new/", views.TaskCreateView.as_view(), name="task_create"),
    path("tasks/", views.TaskListView.as_view(), name="task_list"),
    path("tasks/<int:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path("trainings/", views.TrainingListView.as_view(), name="training_list"),
    path("trainings/new/", views.TrainingCreateView.as_view(), name="training_create"),
    path("campaigns/new/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
]
