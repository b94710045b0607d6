package dev.inkan.tsm.jpki;

/** Who caused a state change (the spec's roles). */
public enum Actor { MUNICIPALITY, APP, JPKI, SP_TSM, SEI_TSM, CALL_CENTRE, PUSH, PLATFORM }
