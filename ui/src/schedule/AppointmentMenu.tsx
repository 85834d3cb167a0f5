import { Badge, Group, Menu, Stack, Text } from "@mantine/core";
import {
  IconArrowBackUp,
  IconCalendarTime,
  IconCheck,
  IconDoorEnter,
  IconNeedle,
  IconUserOff,
  IconUsers,
  IconX,
} from "@tabler/icons-react";
import type { Appointment } from "../bindings/Appointment";
import type { StatusChange } from "../bindings/StatusChange";
import { PatientName } from "../components/PatientName";
import { STATUS_INFO } from "./status";
import { clockOf, longDate } from "./time";

export type MenuAction =
  { kind: "status"; change: StatusChange } | { kind: "cancel" } | { kind: "reschedule" } | { kind: "offers" };

type Props = {
  appointment: Appointment | null;
  at: { x: number; y: number };
  canBook: boolean;
  canUpdateStatus: boolean;
  canWaitlist: boolean;
  onAction: (a: Appointment, action: MenuAction) => void;
  onClose: () => void;
};

const UNDO_LABEL: Partial<Record<Appointment["status"], string>> = {
  arrived: "Undo check-in",
  no_show: "Undo no-show",
  cancelled: "Undo cancel (book again)",
};

/**
 * What can be done with an appointment, opened at the pointer (click or right-click on its
 * tile): the day's workflow in order, then rescheduling and cancelling. Only what the user's
 * role allows is listed; the core checks every step again.
 */
export function AppointmentMenu({
  appointment: a,
  at,
  canBook,
  canUpdateStatus,
  canWaitlist,
  onAction,
  onClose,
}: Props) {
  const status = a ? STATUS_INFO[a.status] : null;
  const item = (label: string, icon: React.ReactNode, action: MenuAction, testId: string, color?: string) =>
    a && (
      <Menu.Item
        leftSection={icon}
        color={color}
        onClick={() => onAction(a, action)}
        data-testid={`appointment-action-${testId}`}
      >
        {label}
      </Menu.Item>
    );
  const st = a?.status;
  return (
    <Menu
      opened={a !== null}
      onChange={(o) => !o && onClose()}
      position="bottom-start"
      shadow="md"
      width={260}
      withinPortal
    >
      <Menu.Target>
        <div style={{ position: "fixed", left: at.x, top: at.y, width: 1, height: 1 }} aria-hidden />
      </Menu.Target>
      <Menu.Dropdown data-testid="appointment-menu">
        {a && status && (
          <Stack gap={2} px="sm" py={6}>
            <Text fw={600} fz="sm">
              <PatientName>{a.patient_name}</PatientName>
            </Text>
            <Text fz="xs" c="dimmed">
              {longDate(a.local_start.slice(0, 10))}, {clockOf(a.local_start)}–{clockOf(a.local_end)}
            </Text>
            <Text fz="xs" c="dimmed">
              {a.type_name} · {a.practitioner_name}
              {a.room_name ? ` · ${a.room_name}` : ""}
            </Text>
            <Group gap={6} mt={2}>
              <Badge color={status.color} data-testid="appointment-menu-status">
                {status.label}
              </Badge>
              {a.late_cancel && <Badge color="orange">Late cancel</Badge>}
              {a.series_index && a.series_total && (
                <Text fz="xs" c="dimmed">
                  Visit {a.series_index} of {a.series_total}
                </Text>
              )}
            </Group>
            {a.front_desk_note && <Text fz="xs">Note: {a.front_desk_note}</Text>}
            {a.cancel_reason && <Text fz="xs">Reason: {a.cancel_reason}</Text>}
          </Stack>
        )}
        {canUpdateStatus && (st === "booked" || st === "arrived" || st === "in_treatment") && (
          <Menu.Divider />
        )}
        {canUpdateStatus &&
          st === "booked" &&
          item(
            "Arrived (check in)",
            <IconDoorEnter size={16} />,
            { kind: "status", change: "arrived" },
            "arrived",
          )}
        {canUpdateStatus &&
          (st === "booked" || st === "arrived") &&
          item(
            "Start treatment",
            <IconNeedle size={16} />,
            { kind: "status", change: "in_treatment" },
            "in_treatment",
          )}
        {canUpdateStatus &&
          (st === "arrived" || st === "in_treatment") &&
          item("Complete", <IconCheck size={16} />, { kind: "status", change: "completed" }, "completed")}
        {canUpdateStatus &&
          st === "booked" &&
          item("No-show", <IconUserOff size={16} />, { kind: "status", change: "no_show" }, "no_show", "red")}
        {canBook && (st === "booked" || st === "arrived") && (
          <>
            <Menu.Divider />
            {item("Reschedule…", <IconCalendarTime size={16} />, { kind: "reschedule" }, "reschedule")}
            {item("Cancel…", <IconX size={16} />, { kind: "cancel" }, "cancel", "red")}
          </>
        )}
        {st === "cancelled" &&
          canWaitlist &&
          item("Waitlist offers for this time", <IconUsers size={16} />, { kind: "offers" }, "offers")}
        {st && UNDO_LABEL[st] && (st === "cancelled" ? canBook : canUpdateStatus) && (
          <>
            <Menu.Divider />
            {item(
              UNDO_LABEL[st] ?? "",
              <IconArrowBackUp size={16} />,
              { kind: "status", change: "booked" },
              "undo",
            )}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
