import type { voiceEn } from './voice.en';

/** Русские тексты голосового общения во время просмотра; подключаются в ru.ts. */
export const voiceRu: { readonly [K in keyof typeof voiceEn]: string } = {
  'voice.title': 'Голос',
  'voice.turnOn': 'Включить микрофон',
  'voice.turnOff': 'Выключить микрофон',
  'voice.hold': 'Удерживайте, чтобы говорить',
  'voice.mode': 'Микрофон',
  'voice.mode.open': 'Открытый микрофон',
  'voice.mode.pushToTalk': 'Нажми и говори',
  'voice.ducking': 'Приглушать видео, когда кто-то говорит',
  'voice.off': 'Ваш микрофон выключен.',
  'voice.open': 'Ваш микрофон включён: все здесь вас слышат.',
  'voice.pushToTalk': 'Удерживайте кнопку или клавишу T, чтобы говорить.',
  'voice.talking': 'Вы говорите: все здесь вас слышат.',
  'voice.alone': 'Вас пока никто не слышит: браузеры остальных ещё подключаются.',
  'voice.refused.tooMany': 'Голос работает в комнатах до {max} человек; в этой комнате {members}.',
  'voice.refused.unsupported': 'Этот браузер не может использовать микрофон на этой странице (нужно защищённое соединение, HTTPS).',
  'voice.refused.denied': 'Браузер не разрешил доступ к микрофону: разрешите его для этого сайта и попробуйте снова.',
  'voice.refused.noDevice': 'На этом компьютере не найден микрофон.',
  'voice.refused.failed': 'Не удалось открыть микрофон: {detail}',
  'member.speaking': 'говорит',
};
