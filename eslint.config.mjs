// ESLint's flat config (`make lint`): the ES modules of the player, the page loaders and the
// pure format modules, and the node tests. Recommended rules, browser or node globals.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["_build/", "node_modules/", ".venv/", "deploy/", "notebooks/", "exercises/"] },
  js.configs.recommended,
  {
    files: ["coursekit/assets/coursekit/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
];
