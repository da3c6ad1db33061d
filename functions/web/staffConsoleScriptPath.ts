/** Where the staff console page loads its script from (the route of function staffConsoleScript). */
export const STAFF_CONSOLE_SCRIPT_PATH = '/staff/console.js';
