import { TextInput, type TextInputProps } from "@mantine/core";
import { forwardRef, useEffect, useState } from "react";
import { useDateFormat } from "../lib/session";
import { formatDate } from "../lib/dates";
import { longDate, parseDateEntry, parseTimeEntry } from "./time";

type DateFieldProps = Omit<TextInputProps, "value" | "onChange"> & {
  /** ISO `YYYY-MM-DD`, or null while what is typed is not a date. */
  value: string | null;
  onChange: (iso: string | null) => void;
  today: string;
};

/**
 * A date typed the quick way ("tue", "+7", "tomorrow", "4/3", the clinic's order or ISO); the
 * date it means is shown under the field, so nothing needs a calendar popup.
 */
export const DateField = forwardRef<HTMLInputElement, DateFieldProps>(function DateField(
  { value, onChange, today, error, description, ...rest },
  ref,
) {
  const format = useDateFormat();
  const [text, setText] = useState(value ? formatDate(value, format) : "");
  // A value set from outside (a free slot picked, a slot clicked) replaces what was typed.
  useEffect(() => {
    if (value && parseDateEntry(text, today, format) !== value) setText(formatDate(value, format));
  }, [value]);
  const parsed = parseDateEntry(text, today, format);
  return (
    <TextInput
      ref={ref}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(parseDateEntry(e.currentTarget.value, today, format));
      }}
      onBlur={() => parsed && setText(formatDate(parsed, format))}
      error={error ?? (text.trim() && !parsed ? "Type a date: 2030-03-04, tue, +7 or tomorrow." : undefined)}
      description={description ?? (parsed ? longDate(parsed) : " ")}
      autoComplete="off"
      {...rest}
    />
  );
});

type TimeFieldProps = Omit<TextInputProps, "value" | "onChange"> & {
  /** `HH:MM`, or null while what is typed is not a time. */
  value: string | null;
  onChange: (hhmm: string | null) => void;
};

/** A time typed as "930", "9:30", "14.15" or "2pm"; shown back as HH:MM. */
export const TimeField = forwardRef<HTMLInputElement, TimeFieldProps>(function TimeField(
  { value, onChange, error, ...rest },
  ref,
) {
  const [text, setText] = useState(value ?? "");
  useEffect(() => {
    if (value && parseTimeEntry(text) !== value) setText(value);
  }, [value]);
  const parsed = parseTimeEntry(text);
  return (
    <TextInput
      ref={ref}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(parseTimeEntry(e.currentTarget.value));
      }}
      onBlur={() => parsed && setText(parsed)}
      error={error ?? (text.trim() && !parsed ? "Type a time: 9:30, 930 or 2pm." : undefined)}
      autoComplete="off"
      {...rest}
    />
  );
});
