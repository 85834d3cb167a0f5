import { useComputedColorScheme } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import dayjs from "dayjs";
import { useCallback, useMemo } from "react";
import { Calendar, dayjsLocalizer, type SlotInfo } from "react-big-calendar";
import dragAndDrop, { type EventInteractionArgs } from "react-big-calendar/lib/addons/dragAndDrop";
import "react-big-calendar/lib/css/react-big-calendar.css";
import "react-big-calendar/lib/addons/dragAndDrop/styles.css";
import type { ScheduleView } from "../bindings/ScheduleView";
import { AppointmentEvent, OpenEventContext } from "./AppointmentEvent";
import {
  availabilityIndex,
  slotState,
  visibleHours,
  type CalEvent,
  type CalResource,
  type ColumnMode,
} from "./calendarModel";
import classes from "./ScheduleCalendar.module.css";
import { toDate } from "./time";

const localizer = dayjsLocalizer(dayjs);
// The addon is CommonJS (`exports.default = …`): the production bundle hands over the exports
// object, vitest the function, so take `.default` when it is there.
const withDragAndDrop: typeof dragAndDrop =
  (dragAndDrop as unknown as { default?: typeof dragAndDrop }).default ?? dragAndDrop;
const DnDCalendar = withDragAndDrop<CalEvent, CalResource>(Calendar);

/** The resource header's height plus borders, taken off the room the slots have. */
const HEADER_PX = 34;
const MIN_SLOT_PX = 13;
const MAX_SLOT_PX = 26;

export type Move = { event: CalEvent; start: Date; end: Date; resourceId: number | null; resize: boolean };

type Props = {
  date: string;
  mode: ColumnMode;
  view: ScheduleView | null;
  events: CalEvent[];
  resources: CalResource[] | undefined;
  /** The practitioner whose hours shade the week view. */
  weekPractitioner: number | null;
  canBook: boolean;
  onSelectSlot: (start: Date, resourceId: number | null) => void;
  onOpenEvent: (event: CalEvent, at: { x: number; y: number }) => void;
  onMove: (move: Move) => void;
};

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return [47, 111, 159];
  return [m[1], m[2], m[3]].map((x) => parseInt(x ?? "0", 16)) as [number, number, number];
}

function ResourceHeader({ resource }: { label: React.ReactNode; resource: CalResource }) {
  return (
    <div className={classes.resourceHeader} title={resource.title} data-testid={`column-${resource.id}`}>
      {resource.colour && <span className={classes.swatch} style={{ background: resource.colour }} />}
      <span style={{ overflow: "hidden", textOverflow: "ellipsis" }}>{resource.title}</span>
    </div>
  );
}

/**
 * The calendar grid (react-big-calendar): one column per practitioner or room for a day, or
 * one practitioner's week. Working hours are shaded per column; empty slots book, tiles open
 * their menu on click or right-click, and drag to move or resize (the page asks the core).
 */
export function ScheduleCalendar(props: Props) {
  const { date, mode, view, events, resources, weekPractitioner, canBook } = props;
  const { onSelectSlot, onOpenEvent, onMove } = props;
  const scheme = useComputedColorScheme("light");
  const { ref, height } = useElementSize();
  const hours = useMemo(() => visibleHours(view), [view]);
  const index = useMemo(() => availabilityIndex(view), [view]);
  const day = toDate(date);
  const min = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, hours.start);
  const max = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, Math.min(hours.end, 24 * 60 - 1));
  const rows = Math.max(1, (hours.end - hours.start) / 15);
  const slotPx = Math.max(MIN_SLOT_PX, Math.min(MAX_SLOT_PX, Math.floor((height - HEADER_PX) / rows)));

  const slotPropGetter = useCallback(
    (slot: Date, resourceId?: number | string) => {
      const practitioner =
        mode === "week" ? weekPractitioner : mode === "practitioners" ? Number(resourceId) : null;
      if (practitioner === null) return {};
      const state = slotState(index, practitioner, slot);
      return state === "open" ? {} : { className: state === "off" ? classes.off : classes.closed };
    },
    [index, mode, weekPractitioner],
  );

  const eventPropGetter = useCallback(
    (event: CalEvent) => {
      const [r, g, b] = hexToRgb(event.appt.colour);
      const tint = scheme === "dark" ? 0.3 : 0.15;
      const status = event.appt.status;
      const className =
        status === "cancelled"
          ? classes.cancelled
          : status === "no_show"
            ? classes.noShow
            : status === "completed"
              ? classes.completed
              : undefined;
      return {
        className,
        style: {
          "--type-colour": event.appt.colour,
          "--type-tint": `rgba(${r}, ${g}, ${b}, ${tint})`,
          "--type-edge": `rgba(${r}, ${g}, ${b}, 0.45)`,
        } as React.CSSProperties,
      };
    },
    [scheme],
  );

  const movable = useCallback(
    (event: CalEvent) => canBook && ["booked", "arrived"].includes(event.appt.status),
    [canBook],
  );

  const drop = (resize: boolean) => (args: EventInteractionArgs<CalEvent>) => {
    const resourceId =
      args.resourceId === undefined || args.resourceId === null ? null : Number(args.resourceId);
    onMove({ event: args.event, start: new Date(args.start), end: new Date(args.end), resourceId, resize });
  };

  const components = useMemo(
    () => ({
      event: AppointmentEvent,
      resourceHeader: ResourceHeader,
    }),
    [],
  );

  return (
    <OpenEventContext.Provider value={onOpenEvent}>
      <div
        ref={ref}
        className={classes.root}
        style={{ "--slot-h": `${slotPx}px` } as React.CSSProperties}
        data-testid="schedule-calendar"
        data-mode={mode}
      >
        <DnDCalendar
          localizer={localizer}
          date={day}
          onNavigate={() => {}}
          view={mode === "week" ? "week" : "day"}
          onView={() => {}}
          views={["day", "week"]}
          toolbar={false}
          events={events}
          resources={resources}
          resourceIdAccessor="id"
          resourceTitleAccessor="title"
          resourceAccessor="resourceId"
          min={min}
          max={max}
          step={15}
          timeslots={4}
          selectable={canBook}
          longPressThreshold={200}
          onSelectSlot={(slot: SlotInfo) => {
            const id = slot.resourceId;
            onSelectSlot(new Date(slot.start), id === undefined || id === null ? null : Number(id));
          }}
          onSelectEvent={(event: CalEvent, e: React.SyntheticEvent) => {
            const m = e.nativeEvent as MouseEvent;
            onOpenEvent(event, { x: m.clientX ?? 0, y: m.clientY ?? 0 });
          }}
          draggableAccessor={movable}
          resizableAccessor={movable}
          onEventDrop={drop(false)}
          onEventResize={drop(true)}
          eventPropGetter={eventPropGetter}
          slotPropGetter={slotPropGetter}
          components={components}
          dayLayoutAlgorithm="no-overlap"
          formats={{
            timeGutterFormat: "HH:mm",
            dayFormat: "ddd D MMM",
            eventTimeRangeFormat: () => "",
          }}
          showMultiDayTimes
          allDayMaxRows={0}
        />
      </div>
    </OpenEventContext.Provider>
  );
}
