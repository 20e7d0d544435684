export { fetchFromInject, type InjectTarget } from "./fetch-from-inject.ts";
