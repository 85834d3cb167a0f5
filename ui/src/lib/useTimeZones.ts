import { useQuery } from "@tanstack/react-query";
import { api } from "../api";
import { queryKeys } from "../query/keys";

/** The zones a clinic may be in (setup, schedule settings); they never change while the app runs. */
export function useTimeZones() {
  return useQuery({ queryKey: queryKeys.setup.timeZones(), queryFn: api.timeZones, staleTime: Infinity });
}
