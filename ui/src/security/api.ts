// Calls for sessions, staff accounts, the audit log and security settings.
import { commands } from "../client/commands";
import type { AuditFilter } from "../bindings/AuditFilter";
import type { LockReason } from "../bindings/LockReason";
import type { Role } from "../bindings/Role";
import type { SecuritySettings } from "../bindings/SecuritySettings";
import type { UserId } from "../bindings/UserId";

export const securityApi = {
  lockSession: (reason: LockReason) => commands.lockSession({ reason }),
  unlockSession: (password: string) => commands.unlockSession({ password }),
  touchSession: () => commands.touchSession(),
  changeOwnPassword: (current: string, next: string) => commands.changeOwnPassword({ current, new: next }),
  setUserDisabled: (id: UserId, disabled: boolean) => commands.setUserDisabled({ id, disabled }),
  resetUserPassword: (id: UserId, password: string) => commands.resetUserPassword({ id, password }),
  setUserRoles: (id: UserId, roles: Role[]) => commands.setUserRoles({ id, roles }),
  listAudit: (filter: AuditFilter) => commands.listAudit({ filter }),
  verifyAudit: () => commands.verifyAudit(),
  exportAudit: (filter: AuditFilter) => commands.exportAudit({ filter }),
  updateSecuritySettings: (input: SecuritySettings) => commands.updateSecuritySettings({ input }),
};
