/** Resizes happy-dom's window as a phone or a desktop would, firing media query changes. */
export function setViewportWidth(width: number): void {
  ;(window as unknown as { happyDOM: { setViewport(viewport: { width: number; height: number }): void } }).happyDOM.setViewport({
    width,
    height: width < 768 ? 844 : 900,
  })
}
