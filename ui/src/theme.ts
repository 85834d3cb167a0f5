import { Alert, Badge, Drawer, Kbd, Modal, Notification, Table, createTheme, rem } from "@mantine/core";

// Clinic software is read all day: one calm accent (teal), nothing below 13 px, compact spacing.
export const theme = createTheme({
  primaryColor: "teal",
  primaryShade: { light: 7, dark: 6 },
  defaultRadius: "sm",
  cursorType: "pointer",
  fontSizes: {
    xs: rem(13),
    sm: rem(14),
    md: rem(15),
    lg: rem(17),
    xl: rem(20),
  },
  headings: {
    fontWeight: "600",
    sizes: {
      h1: { fontSize: rem(26), lineHeight: "1.3" },
      h2: { fontSize: rem(21), lineHeight: "1.35" },
      h3: { fontSize: rem(17), lineHeight: "1.4" },
    },
  },
  components: {
    // Mantine clips alert messages (overflow: hidden); WebKitGTK's WebDriver then reads their text
    // as empty, and the end-to-end tests read these messages. Wrap long words instead of clipping.
    Alert: Alert.extend({
      styles: {
        message: { overflow: "visible", overflowWrap: "anywhere" },
        title: { overflow: "visible" },
        label: { overflow: "visible" },
      },
    }),
    // Mantine's badges are 9–11 px uppercase; ours stay readable and in sentence case.
    // Same for notifications ("Registered … (chart #N)" is checked end to end).
    Notification: Notification.extend({
      styles: {
        body: { overflow: "visible" },
        title: { overflow: "visible", overflowWrap: "anywhere" },
        description: { overflow: "visible", overflowWrap: "anywhere" },
      },
    }),
    Badge: Badge.extend({
      defaultProps: { variant: "light", radius: "sm", tt: "none" },
      // Not clipped either: badge text (safety flags, "Archived") is read end to end.
      styles: { root: { overflow: "visible" }, label: { overflow: "visible" } },
      vars: () => ({ root: { "--badge-fz": rem(13), "--badge-height": rem(22) } }),
    }),
    Kbd: Kbd.extend({
      vars: () => ({ root: { "--kbd-fz": rem(13) } }),
    }),
    Table: Table.extend({
      defaultProps: { verticalSpacing: 8, horizontalSpacing: "md", fz: "sm" },
    }),
    // Short transitions: staff open and close these dozens of times a day.
    Modal: Modal.extend({
      defaultProps: {
        centered: true,
        overlayProps: { backgroundOpacity: 0.35, blur: 1 },
        transitionProps: { duration: 120 },
      },
      styles: { title: { fontWeight: 600, fontSize: "var(--mantine-font-size-lg)" } },
    }),
    Drawer: Drawer.extend({
      defaultProps: { overlayProps: { backgroundOpacity: 0.2 }, transitionProps: { duration: 150 } },
    }),
  },
});
