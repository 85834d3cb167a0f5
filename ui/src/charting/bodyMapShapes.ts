// The body map's drawing: each clickable region is a rounded box on a schematic figure, keyed
// by the core's region code and side. Front view: the patient faces you, so their right is on
// your left. Back view: their left is on your left. Side views show the outer leg.
import type { Side } from "../bindings/Side";

export type Box = { x: number; y: number; w: number; h: number; r?: number };
export type Shape = Box & { code: string; side: Side };
export type Figure = { id: string; title: string; shapes: Shape[]; decor: Box[]; marks: [string, number][] };

/** A sided region drawn as two boxes: `leftX` is where the one on the viewer's left starts. */
function pair(
  code: string,
  leftX: number,
  y: number,
  w: number,
  h: number,
  viewerLeft: Side,
  gap: number,
  r = 6,
): Shape[] {
  const other: Side = viewerLeft === "left" ? "right" : "left";
  return [
    { code, side: viewerLeft, x: leftX, y, w, h, r },
    { code, side: other, x: leftX + w + gap, y, w, h, r },
  ];
}

const one = (code: string, x: number, y: number, w: number, h: number, r = 6): Shape => ({
  code,
  side: "midline",
  x,
  y,
  w,
  h,
  r,
});

// Limbs sit further apart than the trunk halves: `mirror` places the patient's-left box as
// the reflection of the first one about the figure's centre line (x = 80).
function mirror(code: string, x: number, y: number, w: number, h: number, viewerLeft: Side, r = 7): Shape[] {
  const other: Side = viewerLeft === "left" ? "right" : "left";
  return [
    { code, side: viewerLeft, x, y, w, h, r },
    { code, side: other, x: 160 - x - w, y, w, h, r },
  ];
}

const front: Figure = {
  id: "front",
  title: "Front",
  marks: [
    ["R", 18],
    ["L", 142],
  ],
  decor: [],
  shapes: [
    one("head", 65, 4, 30, 20, 12),
    ...pair("face", 65, 26, 14.5, 20, "right", 1, 7),
    one("neck_front", 72, 48, 16, 10, 4),
    ...mirror("shoulder", 40, 60, 22, 16, "right", 8),
    ...pair("chest", 64, 60, 15, 36, "right", 2),
    one("upper_abdomen", 64, 98, 32, 20),
    one("lower_abdomen", 64, 120, 32, 20),
    ...mirror("upper_arm", 38, 78, 18, 38, "right", 8),
    ...mirror("elbow", 36, 118, 18, 12, "right", 6),
    ...mirror("forearm", 33, 132, 18, 36, "right", 8),
    ...mirror("hand_wrist", 30, 170, 18, 24, "right", 8),
    ...pair("groin_hip", 61, 142, 18, 18, "right", 2),
    ...pair("thigh_front", 61, 162, 18, 62, "right", 2, 8),
    ...pair("knee_front", 62, 226, 16, 16, "right", 4, 7),
    ...pair("shin", 63, 244, 14, 62, "right", 6, 7),
    ...mirror("ankle_foot", 58, 308, 20, 18, "right", 7),
  ],
};

const back: Figure = {
  id: "back",
  title: "Back",
  marks: [
    ["L", 18],
    ["R", 142],
  ],
  decor: [
    { x: 40, y: 60, w: 22, h: 16, r: 8 },
    { x: 98, y: 60, w: 22, h: 16, r: 8 },
    { x: 37, y: 78, w: 18, h: 90, r: 9 },
    { x: 105, y: 78, w: 18, h: 90, r: 9 },
    { x: 31, y: 170, w: 18, h: 24, r: 8 },
    { x: 111, y: 170, w: 18, h: 24, r: 8 },
  ],
  shapes: [
    one("occiput", 65, 6, 30, 40, 14),
    one("neck_back", 72, 48, 16, 10, 4),
    ...pair("upper_back", 64, 60, 15, 28, "left", 2),
    ...pair("mid_back", 64, 90, 15, 22, "left", 2),
    ...pair("low_back", 64, 114, 15, 22, "left", 2),
    one("sacrum", 73, 138, 14, 18, 5),
    ...mirror("buttock", 57, 138, 15, 26, "left", 8),
    ...pair("thigh_back", 61, 166, 18, 58, "left", 2, 8),
    ...pair("knee_back", 62, 226, 16, 16, "left", 4, 7),
    ...pair("calf", 63, 244, 14, 60, "left", 6, 7),
    ...mirror("heel", 59, 306, 18, 18, "left", 7),
  ],
};

function side(sideOf: Side, title: string): Figure {
  return {
    id: `side-${sideOf}`,
    title,
    marks: [],
    decor: [
      { x: 66, y: 6, w: 28, h: 40, r: 14 },
      { x: 73, y: 48, w: 14, h: 10, r: 4 },
      { x: 62, y: 60, w: 36, h: 76, r: 12 },
      { x: 74, y: 226, w: 16, h: 16, r: 7 },
    ],
    shapes: [
      { code: "hip_side", side: sideOf, x: 62, y: 138, w: 36, h: 22, r: 9 },
      { code: "thigh_side", side: sideOf, x: 66, y: 162, w: 28, h: 62, r: 9 },
      { code: "leg_side", side: sideOf, x: 70, y: 244, w: 20, h: 60, r: 8 },
      { code: "ankle_side", side: sideOf, x: 66, y: 306, w: 30, h: 18, r: 7 },
    ],
  };
}

export const FIGURES: Figure[] = [front, back, side("left", "Left side"), side("right", "Right side")];
