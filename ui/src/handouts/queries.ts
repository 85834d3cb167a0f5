import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { HandoutInput } from "../bindings/HandoutInput";
import { queryKeys } from "../query/keys";
import { handoutsApi } from "./api";

export function useHandouts(includeArchived: boolean, enabled = true) {
  return useQuery({
    queryKey: queryKeys.handouts.list(includeArchived),
    queryFn: () => handoutsApi.list(includeArchived),
    enabled,
  });
}

export function useLogo() {
  return useQuery({ queryKey: queryKeys.handouts.logo(), queryFn: handoutsApi.logo });
}

/** New, edited, archived or restored: every handout list (with and without archived) reads again. */
export function useSaveHandout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (handout: HandoutInput) => handoutsApi.save(handout),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.handouts.all }),
  });
}

/** Picks a file for the letterhead logo; null when the file dialog was cancelled (no change). */
export function useChooseLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: handoutsApi.chooseLogo,
    onSuccess: (next) => {
      if (next) queryClient.setQueryData(queryKeys.handouts.logo(), next);
    },
  });
}

export function useRemoveLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: handoutsApi.removeLogo,
    onSuccess: () => queryClient.setQueryData(queryKeys.handouts.logo(), null),
  });
}
