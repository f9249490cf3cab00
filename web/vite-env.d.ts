// Types for what Vite adds to the web sources (CSS imports, import.meta.env).
/// <reference types="vite/client" />
