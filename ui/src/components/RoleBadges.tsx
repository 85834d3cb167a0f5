import { Badge } from "@mantine/core";
import type { Role } from "../bindings/Role";
import { ROLE_LABELS } from "../lib/roles";

type Props = { roles: readonly Role[]; testId?: string };

/** A user's roles as badges: admin stands out, the others stay quiet. Used in the header and Staff. */
export function RoleBadges({ roles, testId }: Props) {
  return roles.map((role) => (
    <Badge key={role} color={role === "admin" ? "teal" : "gray"} data-testid={testId} data-role={role}>
      {ROLE_LABELS[role]}
    </Badge>
  ));
}
