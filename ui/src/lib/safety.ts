import {
  IconBabyCarriage,
  IconBrain,
  IconCube,
  IconDroplet,
  IconHeartRateMonitor,
  IconInfoCircle,
  IconMagnet,
  IconNeedle,
  type Icon,
} from "@tabler/icons-react";
import type { DateFormat } from "../bindings/DateFormat";
import type { SafetyFlags } from "../bindings/SafetyFlags";
import { formatDate } from "./dates";

/** The yes/no flags, in the order they are shown (most serious first). */
export const BOOLEAN_FLAGS = [
  "pregnant",
  "pacemaker",
  "anticoagulants",
  "needle_phobia",
  "epilepsy",
  "diabetes",
  "metal_allergy",
] as const;

export type BooleanFlag = (typeof BOOLEAN_FLAGS)[number];
export type FlagKey = BooleanFlag | "other";

/** Red/orange: needling contraindications; yellow: take care; gray: good to know. */
export type FlagSeverity = "contraindication" | "caution" | "note";

type FlagInfo = {
  /** On the badge. */
  label: string;
  /** In the badge's tooltip and the read view. */
  description: string;
  /** Next to the checkbox in the edit form. */
  formLabel: string;
  severity: FlagSeverity;
  color: string;
  icon: Icon;
};

export const FLAG_INFO: Record<FlagKey, FlagInfo> = {
  pregnant: {
    label: "Pregnant",
    description: "Pregnant: avoid points contraindicated in pregnancy.",
    formLabel: "Pregnant",
    severity: "contraindication",
    color: "red",
    icon: IconBabyCarriage,
  },
  pacemaker: {
    label: "Pacemaker / implant",
    description: "Pacemaker or another implanted electrical device: no electro-acupuncture.",
    formLabel: "Pacemaker or implanted electrical device (no electro-acupuncture)",
    severity: "contraindication",
    color: "red",
    icon: IconHeartRateMonitor,
  },
  anticoagulants: {
    label: "Anticoagulants",
    description: "Anticoagulants or a bleeding disorder: bleeding risk.",
    formLabel: "Anticoagulants or a bleeding disorder",
    severity: "contraindication",
    color: "orange",
    icon: IconDroplet,
  },
  needle_phobia: {
    label: "Needle phobia",
    description: "Needle phobia or a history of fainting.",
    formLabel: "Needle phobia or a history of fainting",
    severity: "caution",
    color: "yellow",
    icon: IconNeedle,
  },
  epilepsy: {
    label: "Epilepsy",
    description: "Epilepsy: seizure risk.",
    formLabel: "Epilepsy",
    severity: "caution",
    color: "yellow",
    icon: IconBrain,
  },
  diabetes: {
    label: "Diabetes",
    description: "Diabetes: slower healing, infection risk.",
    formLabel: "Diabetes",
    severity: "caution",
    color: "yellow",
    icon: IconCube,
  },
  metal_allergy: {
    label: "Metal allergy",
    description: "Allergic to metal (e.g. nickel): choose needles accordingly.",
    formLabel: "Metal allergy",
    severity: "note",
    color: "gray",
    icon: IconMagnet,
  },
  other: {
    label: "Other",
    description: "Other safety note.",
    formLabel: "Other",
    severity: "note",
    color: "gray",
    icon: IconInfoCircle,
  },
};

const ORDINALS = ["1st", "2nd", "3rd"];

export function trimesterLabel(trimester: number): string {
  return `${ORDINALS[trimester - 1] ?? trimester} trimester`;
}

/** Longer "Other" notes are shortened on the badge; the tooltip has the whole text. */
const OTHER_BADGE_CHARS = 40;

export type ActiveFlag = { key: FlagKey; label: string; tooltip: string; info: FlagInfo };

/** The flags that are set, most serious first, with the words their badges show. */
export function activeFlags(flags: SafetyFlags, dateFormat: DateFormat): ActiveFlag[] {
  const active: ActiveFlag[] = [];
  for (const key of BOOLEAN_FLAGS) {
    if (!flags[key]) continue;
    const info = FLAG_INFO[key];
    let label = info.label;
    let tooltip = info.description;
    if (key === "pregnant") {
      const details: string[] = [];
      if (flags.pregnancy_trimester) details.push(trimesterLabel(flags.pregnancy_trimester));
      if (flags.pregnancy_due_date) details.push(`due ${formatDate(flags.pregnancy_due_date, dateFormat)}`);
      if (details.length > 0) {
        label = `${label} · ${details[0]}`;
        tooltip = `${tooltip} ${details.join(", ").replace(/^./, (c) => c.toUpperCase())}.`;
      }
    }
    active.push({ key, label, tooltip, info });
  }
  const other = flags.other?.trim();
  if (other) {
    const short =
      other.length > OTHER_BADGE_CHARS ? `${other.slice(0, OTHER_BADGE_CHARS).trimEnd()}…` : other;
    active.push({ key: "other", label: short, tooltip: other, info: FLAG_INFO.other });
  }
  return active;
}

export const NO_FLAGS: SafetyFlags = {
  pregnant: false,
  pregnancy_due_date: null,
  pregnancy_trimester: null,
  pacemaker: false,
  anticoagulants: false,
  needle_phobia: false,
  diabetes: false,
  metal_allergy: false,
  epilepsy: false,
  other: null,
};
