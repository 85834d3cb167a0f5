import { Stack } from "@mantine/core";
import type { PatientProfile } from "../../bindings/PatientProfile";
import { MedicalHistoryCard } from "./MedicalHistoryCard";
import { SafetyFlagsCard } from "./SafetyFlagsCard";

type Props = { profile: PatientProfile; onSaved: (profile: PatientProfile) => void };

/** Clinical information; only rendered for users who may read it. */
export function MedicalTab({ profile, onSaved }: Props) {
  return (
    <Stack gap="md">
      <SafetyFlagsCard profile={profile} onSaved={onSaved} />
      <MedicalHistoryCard patientId={profile.id} />
    </Stack>
  );
}
