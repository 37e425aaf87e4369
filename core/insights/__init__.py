"""Insights: pure functions from the career profile to chart series and insight records, each
naming the facts that support it; dismissals and a change-driven cache on top."""

from core.insights.behaviour import BehaviourDimension, BehaviourReader, behaviour_insights
from core.insights.recommend import PlanGap, PlanGoal, PlanInput, PlanTask, Target
from core.insights.records import (
    Action,
    CategoryCount,
    GoalLink,
    ImpactPoint,
    Insight,
    InsightReport,
    PathOption,
    RolePoint,
    Signal,
    SkillLane,
)
from core.insights.report import compute_insights, rank, top_insights
from core.insights.store import (
    TARGET_KIND,
    InsightCache,
    PlanReader,
    TimedReport,
    add_target,
    dismiss_insight,
    dismissed_keys,
    insights_for,
    restore_insights,
    targets,
)

__all__ = [
    "Action", "GoalLink", "PlanGap", "PlanGoal", "PlanInput", "PlanReader", "PlanTask", "Target", "targets",
    "top_insights", "BehaviourDimension", "BehaviourReader", "CategoryCount", "ImpactPoint", "Insight", "InsightCache", "InsightReport", "PathOption", "RolePoint", "Signal",
    "SkillLane", "TARGET_KIND", "TimedReport", "add_target", "behaviour_insights", "compute_insights", "dismiss_insight", "dismissed_keys", "insights_for", "rank",
    "restore_insights",
]
