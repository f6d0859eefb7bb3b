// Full-screen celebrations, one at a time. A burst of achievements (one
// activity can cross several milestones) queues up instead of piling onto
// the screen; the queue is bounded so an outage cannot build a backlog that
// plays for an hour.

import { avatar } from './format.js';

const SHOW_MS = { common: 5000, rare: 6000, epic: 7500, legendary: 10000 };
const MAX_QUEUE = 8;
const RARITY_LABEL = { common: 'Achievement', rare: 'Rare', epic: 'Epic', legendary: 'Legendary' };
const DEFAULT_ICON = { badge: '🏅', milestone: '🎯', rank: '🚀', streak: '🔥', contest: '🏆', level: '⭐' };

export class Celebrations {
  constructor({ root, confetti }) {
    this.root = root;
    this.confetti = confetti;
    this.queue = [];
    this.showing = false;
    this.timer = 0;
    this.parts = {
      rarity: root.querySelector('#celebration-rarity'),
      icon: root.querySelector('#celebration-icon'),
      title: root.querySelector('#celebration-title'),
      avatar: root.querySelector('#celebration-avatar'),
      name: root.querySelector('#celebration-name'),
      team: root.querySelector('#celebration-team'),
      description: root.querySelector('#celebration-description'),
    };
  }

  push(data) {
    if (this.queue.length >= MAX_QUEUE) {
      // Keep the rarest: drop the first common-or-rare one waiting.
      const i = this.queue.findIndex((d) => rarityOf(d) !== 'legendary' && rarityOf(d) !== 'epic');
      this.queue.splice(i >= 0 ? i : 0, 1);
    }
    this.queue.push(data);
    if (!this.showing) this.next();
  }

  next() {
    const data = this.queue.shift();
    if (!data) {
      this.showing = false;
      return;
    }
    this.showing = true;
    const rarity = rarityOf(data);
    const p = this.parts;
    this.root.dataset.rarity = rarity;
    p.rarity.textContent = RARITY_LABEL[rarity];
    p.icon.textContent = data.icon || DEFAULT_ICON[data.achievementType] || '🏆';
    p.title.textContent = data.title || data.badgeName || 'Achievement unlocked';
    const who = data.userName || data.name || data.teamName || '';
    const fresh = avatar({ name: who, initials: data.initials, color: data.color });
    fresh.id = 'celebration-avatar';
    p.avatar.replaceWith(fresh);
    p.avatar = fresh;
    p.avatar.hidden = !who;
    p.name.textContent = who;
    p.team.textContent = data.teamName && data.teamName !== who ? data.teamName : '';
    p.description.textContent = data.description || data.badgeDescription || '';
    this.root.classList.remove('leaving');
    this.root.hidden = false;
    // Restart the entrance animations for a back-to-back celebration.
    for (const node of [this.root.querySelector('.celebration-card'), p.icon]) {
      node.style.animation = 'none';
      void node.offsetWidth;
      node.style.animation = '';
    }
    this.confetti.celebrate(rarity);
    clearTimeout(this.timer);
    // With more waiting, each gets less time: the wall catches up instead
    // of falling minutes behind the floor.
    const hurry = this.queue.length > 2 ? 0.5 : this.queue.length > 0 ? 0.75 : 1;
    this.timer = setTimeout(() => this.dismiss(), SHOW_MS[rarity] * (rarity === 'legendary' ? 1 : hurry));
  }

  dismiss() {
    this.root.classList.add('leaving');
    this.timer = setTimeout(() => {
      this.root.hidden = true;
      this.root.classList.remove('leaving');
      this.timer = setTimeout(() => this.next(), 400);
    }, 600);
  }
}

export function rarityOf(data) {
  const r = String(data.rarity || '').toLowerCase();
  if (r in SHOW_MS) return r;
  return data.achievementType === 'contest' ? 'epic' : 'rare';
}

