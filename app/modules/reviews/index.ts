export * from "./invitations";
export * from "./moderation";
export * from "./review";
