import { Stack } from "@mantine/core";
import type { PatientProfile } from "../../bindings/PatientProfile";
import { MedicalHistoryCard } from "./MedicalHistoryCard";
import { SafetyFlagsCard } from "./SafetyFlagsCard";

type Props = { profile: PatientProfile };

/** Clinical information; only rendered for users who may read it. */
export function MedicalTab({ profile }: Props) {
  return (
    <Stack gap="md">
      <SafetyFlagsCard profile={profile} />
      <MedicalHistoryCard patientId={profile.id} />
    </Stack>
  );
}
