import { Alert, Text } from "@mantine/core";
import { IconAlertTriangle, IconShieldCheck, IconShieldX } from "@tabler/icons-react";
import type { AuditVerification } from "../bindings/AuditVerification";

type Props = { result: AuditVerification };

/** The core words problems as clauses ("row 4 was changed…"); shown here as a sentence. */
function sentence(text: string | null): string {
  if (!text) return "";
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** What Verify found: intact (with or without the outside anchor), or the first broken row. */
export function VerifyPanel({ result }: Props) {
  const intact = result.first_broken_id === null;
  if (!intact) {
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconShieldX size={20} />}
        title={`The audit log has been tampered with at row ${result.first_broken_id}`}
        data-testid="audit-verify-result"
        data-intact="false"
        role="alert"
      >
        <Text fz="sm">
          {sentence(result.problem)} The {result.rows_checked} rows before it are intact. Keep this database
          as it is and contact your support: the rows from that point on cannot be trusted.
        </Text>
      </Alert>
    );
  }
  const anchored = result.anchor === "matched" || result.anchor === "guarded";
  return (
    <Alert
      color={anchored ? "teal" : "yellow"}
      variant="light"
      icon={anchored ? <IconShieldCheck size={20} /> : <IconAlertTriangle size={20} />}
      title={`Intact: ${result.rows_checked} rows checked`}
      data-testid="audit-verify-result"
      data-intact="true"
    >
      <Text fz="sm">
        {result.anchor === "matched"
          ? "Every row's hash matches the one before it, and the newest row matches the copy kept outside the database."
          : result.anchor === "guarded"
            ? "Every row's hash matches the one before it, and the clinic server's database refuses any change or removal of audit rows."
            : (result.note ?? "Every row's hash matches the one before it.")}
      </Text>
    </Alert>
  );
}
