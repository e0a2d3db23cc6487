// An intranet page embedding Co-sell (README, Embedding in an intranet). It signs the user
// in, passes its theme, and lists the events Co-sell posts. Messages are exchanged with the
// app's origin only, in both directions.
const frame = document.getElementById('cosell');
const appOrigin = new URL(frame.src).origin;

window.addEventListener('message', (event) => {
  if (event.origin !== appOrigin || event.source !== frame.contentWindow) return;
  const { type, id, name } = event.data ?? {};
  if (type === 'cosell:ready') {
    frame.contentWindow.postMessage(
      {
        type: 'cosell:init',
        user: 'contoso-de-seller',
        theme: { '--cs-accent': '#0f6b4f', '--cs-accent-hover': '#0b513c', '--cs-accent-soft': '#e3f3ed', '--cs-font': 'Georgia, serif' },
      },
      appOrigin,
    );
  }
  const item = document.createElement('li');
  item.textContent = name ? `${type}: ${name} (${id})` : type;
  document.getElementById('events').append(item);
});
