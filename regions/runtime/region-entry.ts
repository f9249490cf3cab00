// Child entry of one region's API process: exits with its orchestrator, then runs api/server.ts unchanged.
export {};

process.on('disconnect', () => process.exit(0));
process.channel?.unref();
await import('../../api/server.ts');
