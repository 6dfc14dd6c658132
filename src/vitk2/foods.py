"""Foods: vitamin K content of foods, household measures, food search, diaries, bulk totals.

The food tables are read on first use; every value cites its source.

>>> import vitk2
>>> import vitk2.foods as foods
>>> foods.Diary is vitk2.Diary
True

Every name here is also importable from the top level, ``vitk2``.
"""

from __future__ import annotations

from vitk2._diaries import (
    Diary,
    DiaryEntry,
    DiaryTotals,
    UnknownEntries,
    VitamerTotal,
)
from vitk2._diary_consistency import (
    ConsistencyReport,
    DayIntake,
    IntakeVariation,
    intake_consistency,
)
from vitk2._errors import (
    AmbiguousMeasureError,
    FoodInputError,
    FoodTableFileError,
    NotOneVitamerError,
    UnknownFoodError,
    UnknownMeasureError,
)
from vitk2._food_bulk import (
    BulkTotals,
    bulk_totals,
)
from vitk2._food_frida import load_frida, unload_frida
from vitk2._food_lookup import (
    all_food_ids,
    food,
)
from vitk2._food_nevo import load_nevo, unload_nevo
from vitk2._food_ranking import (
    FoodRanking,
    RankedFood,
    richest_foods,
)
from vitk2._food_records import (
    FOOD_VITAMERS,
    VITAMIN_K_TOTALS,
    ContentMeasurement,
    Food,
    FoodContent,
    HouseholdMeasure,
    VitaminKTotal,
)
from vitk2._food_search import corrected_words, search_foods
from vitk2._food_views import (
    CrossTableContent,
    FoodAcrossTables,
    TableValue,
    food_across_tables,
)

__all__ = [
    "FOOD_VITAMERS",
    "VITAMIN_K_TOTALS",
    "AmbiguousMeasureError",
    "BulkTotals",
    "ConsistencyReport",
    "ContentMeasurement",
    "CrossTableContent",
    "DayIntake",
    "Diary",
    "DiaryEntry",
    "DiaryTotals",
    "Food",
    "FoodAcrossTables",
    "FoodContent",
    "FoodInputError",
    "FoodRanking",
    "FoodTableFileError",
    "HouseholdMeasure",
    "IntakeVariation",
    "NotOneVitamerError",
    "RankedFood",
    "TableValue",
    "UnknownEntries",
    "UnknownFoodError",
    "UnknownMeasureError",
    "VitamerTotal",
    "VitaminKTotal",
    "all_food_ids",
    "bulk_totals",
    "corrected_words",
    "food",
    "food_across_tables",
    "intake_consistency",
    "load_frida",
    "load_nevo",
    "richest_foods",
    "search_foods",
    "unload_frida",
    "unload_nevo",
]
