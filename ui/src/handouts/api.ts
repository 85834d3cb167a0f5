// Condition handouts and the letterhead's logo. The logo file is picked with the native dialog
// in Rust (`choose_clinic_logo`): the webview never names a path to read.
import { commands } from "../client/commands";
import type { HandoutInput } from "../bindings/HandoutInput";

export const handoutsApi = {
  list: (includeArchived: boolean) => commands.listHandouts({ includeArchived }),
  save: (handout: HandoutInput) => commands.saveHandout({ handout }),
  logo: () => commands.clinicLogo(),
  /** Resolves to the new logo, or null when the dialog was cancelled. */
  chooseLogo: () => commands.chooseClinicLogo(),
  removeLogo: () => commands.removeClinicLogo(),
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
