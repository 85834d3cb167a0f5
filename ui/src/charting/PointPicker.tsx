import { ActionIcon, Combobox, Group, Kbd, Text, TextInput, Tooltip, useCombobox } from "@mantine/core";
import { IconStar, IconStarFilled } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { toApiError } from "../api";
import type { Point } from "../bindings/Point";
import type { PointPicks } from "../bindings/PointPicks";
import type { Side } from "../bindings/Side";
import { chartingApi } from "./api";
import { sideFor, splitSide } from "./pointEntry";
import { usePointSearch } from "./queries";

const NO_POINTS: Point[] = [];
import classes from "./PointPicker.module.css";

type Props = {
  onAdd: (point: Point, side: Side) => void;
  /** Backspace in the empty box takes the last point off. */
  onRemoveLast: () => void;
  picks: PointPicks | null;
  onPicksChange: (picks: PointPicks) => void;
  disabled?: boolean;
};

const SIDE_SHORT: Record<Side, string> = { left: "L", right: "R", bilateral: "both", midline: "midline" };

/**
 * Adds points by keyboard: a code or alias with a side ("gb30 b", "lv3 l"), or a name in
 * pinyin, characters or English ("weizhong", "委中", "three miles"). Enter adds the
 * highlighted (or best) match.
 */
export function PointPicker({ onAdd, onRemoveLast, picks, onPicksChange, disabled }: Props) {
  const combobox = useCombobox();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { query, side } = splitSide(text);

  const search = usePointSearch(query);
  const found = (query ? search.data : undefined) ?? NO_POINTS;
  // Each new answer highlights its best match, so Enter adds it.
  useEffect(() => {
    if (search.data) combobox.selectFirstOption();
    // combobox is stable for the component's life
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search.data]);

  const add = (p: Point, typed: Side | null) => {
    onAdd(p, sideFor(p, typed));
    setText("");
    setError(null);
    combobox.closeDropdown();
    input.current?.focus();
  };

  const submit = async () => {
    const chosen = combobox.getSelectedOptionIndex();
    const highlighted = chosen >= 0 ? found[chosen] : undefined;
    if (highlighted) return add(highlighted, side);
    if (!text.trim()) return;
    try {
      const entry = await chartingApi.parsePointEntry(text);
      return add(entry.point, entry.side);
    } catch (reason) {
      const best = found[0];
      if (best) return add(best, side);
      setError(toApiError(reason).message);
    }
  };

  const selected: Point | undefined = found[combobox.getSelectedOptionIndex()];
  const favourite = picks?.favourites.some((f) => f.code === selected?.code);
  const star = async (p: Point, on: boolean) => {
    try {
      onPicksChange(await chartingApi.setPointFavourite(p.code, on));
    } catch {
      /* the star is a convenience; the list stays as it was */
    }
  };

  const quick = [...(picks?.favourites ?? []), ...(picks?.recent ?? [])].filter(
    (p, i, all) => all.findIndex((q) => q.code === p.code) === i,
  );

  return (
    <div>
      <Combobox
        store={combobox}
        onOptionSubmit={(v) => {
          const p = found[Number(v)];
          if (p) add(p, side);
        }}
      >
        <Combobox.Target>
          <TextInput
            ref={input}
            disabled={disabled}
            label="Add point"
            description={
              <>
                Code, pinyin, 汉字 or English, then a side: <Kbd size="xs">gb30 b</Kbd>{" "}
                <Kbd size="xs">lv3 l</Kbd> <Kbd size="xs">weizhong r</Kbd> · <Kbd size="xs">Enter</Kbd> adds ·{" "}
                <Kbd size="xs">Backspace</Kbd> on empty removes the last
              </>
            }
            placeholder="gb30 b"
            value={text}
            error={error}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setError(null);
              combobox.openDropdown();
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                // A highlighted option is added by the combobox itself (onOptionSubmit), which
                // handles this Enter after us; submitting here as well would add it twice.
                if (combobox.dropdownOpened && combobox.getSelectedOptionIndex() >= 0) return;
                void submit();
              } else if (e.key === "Backspace" && text === "") {
                e.preventDefault();
                onRemoveLast();
              } else if (e.key === "Escape") {
                setText("");
                combobox.closeDropdown();
              }
            }}
            onBlur={() => combobox.closeDropdown()}
            data-testid="point-entry"
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={found.length === 0}>
          <Combobox.Options>
            {found.map((p, i) => (
              <Combobox.Option value={String(i)} key={p.code} data-testid={`point-option-${p.code}`}>
                <Group gap={8} wrap="nowrap" justify="space-between">
                  <Group gap={8} wrap="nowrap">
                    <Text fw={700} ff="monospace" w={56}>
                      {p.code}
                    </Text>
                    <Text>{p.pinyin}</Text>
                    <Text c="dimmed">{p.hanzi}</Text>
                    <Text c="dimmed" fz="sm" lineClamp={1}>
                      {p.english}
                    </Text>
                  </Group>
                  <Text fz="xs" c="dimmed">
                    {SIDE_SHORT[sideFor(p, side)]}
                  </Text>
                </Group>
              </Combobox.Option>
            ))}
          </Combobox.Options>
          {found.length > 0 && (
            <Combobox.Footer>
              <Group justify="space-between">
                <Text fz="xs" c="dimmed">
                  ↑↓ to choose · Enter to add
                </Text>
                {selected && (
                  <Tooltip label={favourite ? "Remove from favourites" : "Add to favourites"}>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="yellow"
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => void star(selected, !favourite)}
                      aria-label="Favourite"
                    >
                      {favourite ? <IconStarFilled size={14} /> : <IconStar size={14} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            </Combobox.Footer>
          )}
        </Combobox.Dropdown>
      </Combobox>
      {quick.length > 0 && (
        <Group gap={4} mt={6} data-testid="point-quick-picks">
          <Text fz="xs" c="dimmed" mr={2}>
            {picks?.favourites.length ? "Favourites & recent:" : "Recent:"}
          </Text>
          {quick.slice(0, 14).map((p) => (
            <Tooltip key={p.code} label={`${p.pinyin} ${p.hanzi} · ${p.english}`} openDelay={300}>
              <button
                type="button"
                className={classes.quick}
                disabled={disabled}
                onClick={() => add(p, null)}
                data-testid={`quick-point-${p.code}`}
              >
                {picks?.favourites.some((f) => f.code === p.code) && (
                  <IconStarFilled size={10} color="var(--mantine-color-yellow-6)" />
                )}
                {p.code}
              </button>
            </Tooltip>
          ))}
        </Group>
      )}
    </div>
  );
}
