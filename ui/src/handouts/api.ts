// Condition handouts and the letterhead's logo. The logo file is picked with the native dialog
// in Rust (`choose_clinic_logo`): the webview never names a path to read.
import { call } from "../api";
import type { Handout } from "../bindings/Handout";
import type { HandoutInput } from "../bindings/HandoutInput";
import type { LogoInfo } from "../bindings/LogoInfo";

export const handoutsApi = {
  list: (includeArchived: boolean) => call<Handout[]>("list_handouts", { includeArchived }),
  save: (handout: HandoutInput) => call<Handout>("save_handout", { handout }),
  logo: () => call<LogoInfo | null>("clinic_logo"),
  /** Resolves to the new logo, or null when the dialog was cancelled. */
  chooseLogo: () => call<LogoInfo | null>("choose_clinic_logo"),
  removeLogo: () => call<null>("remove_clinic_logo"),
};

export type HandoutBlock = { kind: "heading" | "paragraph" | "bullet"; text: string };

/**
 * The body as it prints (the same marks as the core's `handout_blocks`): "# " starts a heading,
 * "- " a bullet, a blank line ends a paragraph.
 */
export function handoutBlocks(body: string): HandoutBlock[] {
  const out: HandoutBlock[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push({ kind: "paragraph", text: para.join(" ") });
    para = [];
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) flush();
    else if (line.startsWith("# ")) {
      flush();
      out.push({ kind: "heading", text: line.slice(2).trim() });
    } else if (line.startsWith("- ") || line.startsWith("• ")) {
      flush();
      out.push({ kind: "bullet", text: line.slice(2).trim() });
    } else para.push(line);
  }
  flush();
  return out;
}
