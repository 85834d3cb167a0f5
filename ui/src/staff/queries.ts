import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api";
import type { NewUser } from "../bindings/NewUser";
import { queryKeys } from "../query/keys";

/** The clinic's staff accounts: the Staff page, and the practitioners that may be set up. */
export function useUsers() {
  return useQuery({ queryKey: queryKeys.users.all, queryFn: api.listUsers });
}

/**
 * Any change to an account (disabled, enabled, roles, password): each is its own command, and
 * every list of staff (the Staff page, the practitioners that may be set up) reads again.
 */
export function useStaffWrite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: () => Promise<unknown>) => change(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewUser) => api.createUser(input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
  });
}
