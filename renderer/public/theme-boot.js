/* global window, document */
// Runs before the first paint: the theme last applied (a copy the Settings store keeps of settings.json's
// theme), so a dark or light choice does not flash the system scheme while the core answers.
try {
  const theme = window.localStorage.getItem('strata.theme')
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme
} catch {
  // No storage (a locked-down browser): the theme applies when settings.json is read.
}
