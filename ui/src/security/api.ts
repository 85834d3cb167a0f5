// Calls for sessions, staff accounts, the audit log and security settings.
import { call } from "../api";
import type { AuditExport } from "../bindings/AuditExport";
import type { AuditFilter } from "../bindings/AuditFilter";
import type { AuditPage } from "../bindings/AuditPage";
import type { AuditVerification } from "../bindings/AuditVerification";
import type { ClinicSettings } from "../bindings/ClinicSettings";
import type { LockReason } from "../bindings/LockReason";
import type { Role } from "../bindings/Role";
import type { SecuritySettings } from "../bindings/SecuritySettings";
import type { UserId } from "../bindings/UserId";
import type { UserSummary } from "../bindings/UserSummary";

export const securityApi = {
  lockSession: (reason: LockReason) => call<null>("lock_session", { reason }),
  unlockSession: (password: string) => call<null>("unlock_session", { password }),
  touchSession: () => call<null>("touch_session"),
  changeOwnPassword: (current: string, next: string) =>
    call<null>("change_own_password", { current, new: next }),
  setUserDisabled: (id: UserId, disabled: boolean) =>
    call<UserSummary>("set_user_disabled", { id, disabled }),
  resetUserPassword: (id: UserId, password: string) => call<null>("reset_user_password", { id, password }),
  setUserRoles: (id: UserId, roles: Role[]) => call<UserSummary>("set_user_roles", { id, roles }),
  listAudit: (filter: AuditFilter) => call<AuditPage>("list_audit", { filter }),
  verifyAudit: () => call<AuditVerification>("verify_audit"),
  exportAudit: (filter: AuditFilter) => call<AuditExport>("export_audit", { filter }),
  updateSecuritySettings: (input: SecuritySettings) =>
    call<ClinicSettings>("update_security_settings", { input }),
};
