import type { UserSummary } from "../bindings/UserSummary";
import { useQueryError } from "../query/useQueryError";
import { useUsers } from "./queries";

const NO_USERS: UserSummary[] = [];

export type StaffList = {
  users: UserSummary[];
  /** False until the first answer arrives, so the table does not flash empty on start-up. */
  loaded: boolean;
  error: string | null;
};

/** The clinic's staff accounts; writes through `useStaffWrite` make it read again. */
export function useStaffList(): StaffList {
  const query = useUsers();
  const error = useQueryError(query.error);
  return { users: query.data ?? NO_USERS, loaded: query.data !== undefined, error: error?.message ?? null };
}
