import { Group, Text } from "@mantine/core";
import { IconRepeat } from "@tabler/icons-react";
import { createContext, useContext } from "react";
import type { EventProps } from "react-big-calendar";
import { PatientName } from "../components/PatientName";
import { SafetyBadges } from "../components/SafetyBadges";
import type { CalEvent } from "./calendarModel";
import { STATUS_INFO } from "./status";
import { clockOf } from "./time";
import classes from "./ScheduleCalendar.module.css";

/** Opens an appointment's menu at a point on screen (a right-click on its tile). */
export const OpenEventContext = createContext<(event: CalEvent, at: { x: number; y: number }) => void>(
  () => {},
);

/**
 * One appointment tile: the patient first (what the front desk scans for), then time, type and
 * room; the status as a coloured tag; safety flags as the same icons the patient header shows.
 * Short visits (15 minutes) fit on one line.
 */
export function AppointmentEvent({ event }: EventProps<CalEvent>) {
  const openMenu = useContext(OpenEventContext);
  const a = event.appt;
  const status = STATUS_INFO[a.status];
  const short = a.duration_minutes < 30;
  const course = a.series_index && a.series_total ? `${a.series_index}/${a.series_total}` : null;
  return (
    <div
      className={classes.tile}
      data-testid={`appointment-${a.id}`}
      data-status={a.status}
      data-start={a.local_start}
      data-practitioner={a.practitioner_id}
      data-room={a.room_id ?? ""}
      onContextMenu={(e) => {
        e.preventDefault();
        e.stopPropagation();
        openMenu(event, { x: e.clientX, y: e.clientY });
      }}
      aria-label={`${a.patient_name}, ${clockOf(a.local_start)} to ${clockOf(a.local_end)}, ${a.type_name}, ${status.label}`}
    >
      <Group gap={4} wrap="nowrap" justify="space-between" className={classes.tileTop}>
        <Text span fz={13} fw={600} lh="16px" truncate className={classes.tileName}>
          <PatientName>{a.patient_name}</PatientName>
        </Text>
        <Group gap={3} wrap="nowrap" style={{ flexShrink: 0 }}>
          <SafetyBadges flags={a.safety} size="xs" />
          {a.status !== "booked" && (
            <span
              className={classes.statusTag}
              data-testid={`appointment-status-${a.id}`}
              style={
                { "--status-color": `var(--mantine-color-${status.color}-filled)` } as React.CSSProperties
              }
            >
              {status.label}
            </span>
          )}
        </Group>
      </Group>
      {!short && (
        <Text fz={13} lh="16px" className={classes.tileMeta} truncate>
          {clockOf(a.local_start)}–{clockOf(a.local_end)} · {a.type_name}
          {a.room_name ? ` · ${a.room_name}` : ""}
          {course && (
            <>
              {" · "}
              <IconRepeat size={12} style={{ verticalAlign: "-1px" }} aria-label="Course visit" /> {course}
            </>
          )}
        </Text>
      )}
      {a.status === "cancelled" && a.cancel_reason && !short && (
        <Text fz={13} lh="16px" className={classes.tileMeta} truncate>
          {a.late_cancel ? "Late cancel: " : "Cancelled: "}
          {a.cancel_reason}
        </Text>
      )}
    </div>
  );
}
