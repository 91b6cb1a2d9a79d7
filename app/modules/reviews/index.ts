export * from "./invitations";
export * from "./moderation";
export * from "./review";
export * from "./review-form";
