# The public entry table: each line names what a notebook calls (after "as") and where it
# lives. pm_course/__init__.py reads this file to load each entry on first use, and type
# checkers read it for the types. To add an entry, add one line here.

from .activities.certificate.view import CertificateView as certificate
from .activities.final_check.view import CourseSummaryView as course_summary
from .activities.final_check.view import FinalCheckView as final_check
from .activities.flashcards.view import FlashcardsView as flashcards
from .activities.glossary.view import GlossaryView as key_phrases
from .classroom.report_view import ClassReportView as class_results
from .classroom.results_view import ExportResultsView as export_results
from .classroom.results_view import SectionFeedbackView as section_feedback
from .classroom.sharing_view import share_results as share_results
from .course.store import export_progress as export_progress
from .course.summary import CourseMap as course_map
from .models.ab_test.view import ABTestView as ab_test
from .models.ab_test.view import PeekingView as peeking
from .models.bets.view import SmallBetsView as small_bets
from .models.conway.view import CompilerView as conway_compilers
from .models.conway.view import ConwaySimulatorView as conway_simulator
from .models.conway.view import InverseConwayView as inverse_conway
from .models.conway.view import VistaChartView as vista_chart
from .models.evidence.view import EvidencePlannerView as evidence_planner
from .models.four_risks.view import FourRisksView as four_risks
from .models.hypothesis.view import HypothesisCardView as hypothesis_card
from .models.life_cycle.view import LifeCycleView as life_cycle
from .models.metrics.view import HeartView as heart_planner
from .models.metrics.view import VanityView as vanity_check
from .models.rice.view import RiceView as rice_prioritiser
from .models.roadmap.view import RoadmapView as now_next_later
from .models.stakeholders.view import ChannelsView as communication_channels
from .models.stakeholders.view import EngagementPlanView as engagement_plan
from .models.stakeholders.view import StakeholderMapView as stakeholder_map
from .models.strategy.view import ConstraintsView as today_vs_future
from .models.strategy.view import KernelView as strategy_kernel
from .models.theory_of_change.view import TheoryOfChangeView as theory_of_change
from .models.user_need.view import UserNeedView as user_need_checker
from .models.value_map.view import ValueMapView as value_map
from .models.vision.view import VisionView as vision_statement
from .ui.progress import ProgressView as progress
from .ui.progress import ResetView as reset_progress
from .ui.questions import question as question
from .ui.questions import quiz as quiz

__version__: str
__all__: list[str]
ENTRIES: dict[str, tuple[str, str]]
