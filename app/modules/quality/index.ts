export * from "./complaint-form";
export * from "./complaint-state";
export * from "./csat";
export * from "./locale";
export * from "./remedies";
export * from "./targets";
