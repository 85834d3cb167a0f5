import { Autocomplete, NumberInput, Paper, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { NoteContent } from "../bindings/NoteContent";
import type { NoteEditor } from "./noteEditor";

type TextKey = {
  [K in keyof NoteContent]-?: NonNullable<NoteContent[K]> extends string ? K : never;
}[keyof NoteContent];
type NumberKey = {
  [K in keyof NoteContent]-?: NonNullable<NoteContent[K]> extends number ? K : never;
}[keyof NoteContent];

type FieldProps<K> = { editor: NoteEditor; k: K; label: string; placeholder?: string };

/** Empty text is stored as "not recorded". */
const orNull = (value: string) => (value === "" ? null : value);

export function TextField({
  editor,
  k,
  label,
  placeholder,
  suggestions,
}: FieldProps<TextKey> & { suggestions?: string[] }) {
  const value = editor.draft.content[k] ?? "";
  const common = {
    label,
    placeholder,
    value,
    error: editor.errors[k],
    "data-testid": `field-${k}`,
  };
  if (suggestions) {
    return <Autocomplete {...common} data={suggestions} onChange={(v) => editor.setContent(k, orNull(v))} />;
  }
  return <TextInput {...common} onChange={(e) => editor.setContent(k, orNull(e.currentTarget.value))} />;
}

export function AreaField({ editor, k, label, placeholder }: FieldProps<TextKey>) {
  return (
    <Textarea
      label={label}
      placeholder={placeholder}
      autosize
      minRows={1}
      maxRows={6}
      value={editor.draft.content[k] ?? ""}
      error={editor.errors[k]}
      onChange={(e) => editor.setContent(k, orNull(e.currentTarget.value))}
      data-testid={`field-${k}`}
    />
  );
}

export function NumberField({
  editor,
  k,
  label,
  min = 0,
  max,
  w,
}: FieldProps<NumberKey> & { min?: number; max: number; w?: number }) {
  const value = editor.draft.content[k];
  return (
    <NumberInput
      label={label}
      min={min}
      max={max}
      w={w}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="strict"
      value={value ?? ""}
      error={editor.errors[k]}
      onChange={(v) => editor.setContent(k, typeof v === "number" ? v : v === "" ? null : Number(v))}
      data-testid={`field-${k}`}
    />
  );
}

/** A titled block of the note (Subjective, Objective…). */
export function NoteSection({
  title,
  letter,
  children,
  testId,
  right,
}: {
  title: string;
  letter?: string;
  children: ReactNode;
  testId: string;
  right?: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap="sm">
        <div style={{ display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: 8 }}>
          <Title order={4} fz="md">
            {letter && (
              <Text span c="teal" fw={800} mr={6}>
                {letter}
              </Text>
            )}
            {title}
          </Title>
          {right}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
